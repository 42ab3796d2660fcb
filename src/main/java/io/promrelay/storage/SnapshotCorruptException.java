package io.promrelay.storage;

/** A snapshot file that cannot be restored; the message names what is wrong with it. */
final class SnapshotCorruptException extends Exception {
    SnapshotCorruptException(String reason) {
        super(reason);
    }
}
