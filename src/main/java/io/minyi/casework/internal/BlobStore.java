package io.minyi.casework.internal;

import java.util.Optional;

/**
 * Where attachment bytes live. The filesystem store is the default; an S3-compatible store only has to implement
 * these two calls (keys are opaque, content is immutable once written).
 */
public interface BlobStore {

    /** Stores the bytes and returns the key to find them again. */
    String put(byte[] content);

    Optional<byte[]> get(String key);
}
