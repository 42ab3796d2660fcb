/**
 * Receiving Prometheus remote write 1.0: {@link io.promrelay.remote.WriteRequestDecoder} turns a snappy-compressed
 * protobuf {@code WriteRequest} into validated series, and {@link io.promrelay.remote.RemoteWriteIngester} appends a
 * decoded request to the buffer as one unit. Nothing here knows about HTTP; the web layer maps each
 * {@link io.promrelay.remote.Rejection} to a status.
 */
package io.promrelay.remote;
