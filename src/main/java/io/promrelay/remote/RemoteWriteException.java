package io.promrelay.remote;

/** A refused remote-write request; the message names the problem for the sender's log. */
public final class RemoteWriteException extends Exception {
    private final Rejection rejection;

    public RemoteWriteException(Rejection rejection, String message) {
        super(message, null, false, false);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }
}
