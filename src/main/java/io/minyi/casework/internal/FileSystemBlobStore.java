package io.minyi.casework.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Blobs as files under {@code minyi.blobs.dir} (default {@code ./data/blobs}), fanned out over 256 directories.
 * Another store replaces it by being declared {@code @Primary}.
 * Written to a temporary name and moved into place, so a crash never leaves half a file under a real key.
 */
@Component
public class FileSystemBlobStore implements BlobStore {

    private static final Pattern KEY = Pattern.compile("[0-9a-f]{2}/[0-9a-f-]{36}");

    private final Path root;

    public FileSystemBlobStore(@Value("${minyi.blobs.dir:./data/blobs}") String dir) {
        this.root = Path.of(dir).toAbsolutePath();
    }

    @Override
    public String put(byte[] content) {
        String id = UUID.randomUUID().toString();
        String key = id.substring(0, 2) + "/" + id;
        try {
            Path target = root.resolve(key);
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "upload", ".tmp");
            Files.write(tmp, content);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(root.resolve(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
