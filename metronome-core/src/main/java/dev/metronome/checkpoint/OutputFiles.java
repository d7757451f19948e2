package dev.metronome.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Creates the files a checkpoint is written to. Every byte of checkpoint output goes through this
 * one seam, so that tests can make output fail part-way (a full disk) without needing a real one.
 */
@FunctionalInterface
interface OutputFiles {

    /** Real files: {@link FileChannel}s opened with {@code CREATE_NEW}, synced with {@code force(true)}. */
    OutputFiles DISK = file -> new ChannelOutputFile(FileChannel.open(file, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE));

    /**
     * Creates a new, empty file.
     *
     * @param file the path; must not exist yet
     * @return the open file
     * @throws IOException if the file cannot be created
     */
    OutputFile create(Path file) throws IOException;

    /** A file open for writing whose content can be forced to stable storage. */
    interface OutputFile extends WritableByteChannel {

        /** Forces content and metadata to the storage device (fsync). */
        void sync() throws IOException;
    }

    /** An {@link OutputFile} over a {@link FileChannel}. */
    final class ChannelOutputFile implements OutputFile {

        private final FileChannel channel;

        ChannelOutputFile(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            return channel.write(source);
        }

        @Override
        public void sync() throws IOException {
            channel.force(true);
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
