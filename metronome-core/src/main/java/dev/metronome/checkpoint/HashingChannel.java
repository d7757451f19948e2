package dev.metronome.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Passes bytes on to another channel while counting them and computing their SHA-256, so that a
 * file's manifest entry is known the moment it is written, without reading it back.
 */
final class HashingChannel implements WritableByteChannel {

    private final WritableByteChannel target;
    private final MessageDigest digest;
    private long bytes;

    HashingChannel(WritableByteChannel target) {
        this.target = target;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        ByteBuffer seen = source.duplicate();
        int written = target.write(source);
        seen.limit(seen.position() + written);
        digest.update(seen);
        bytes += written;
        return written;
    }

    /** @return the number of bytes written so far */
    long bytes() {
        return bytes;
    }

    /** @return the SHA-256 of everything written, as 64 lower-case hex digits; call once, at the end */
    String sha256Hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public boolean isOpen() {
        return target.isOpen();
    }

    @Override
    public void close() throws IOException {
        target.close();
    }
}
