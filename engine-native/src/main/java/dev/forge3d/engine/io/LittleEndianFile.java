package dev.forge3d.engine.io;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a binary file front to back in little-endian order through a small buffer, so a file of
 * any size costs the buffer. Every read and skip is checked against the bytes the file has left,
 * and every count against what those bytes can hold: a truncated or lying file is an
 * {@code unreadable_input} naming it, before anything is sized by what it declares.
 */
public final class LittleEndianFile implements Closeable {
    /** Longest NUL-terminated string (an image name; Linux paths stop at 4096). */
    public static final int MAX_STRING_BYTES = 4096;

    private final Path file;
    private final FileChannel channel;
    private final long size;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN).flip();
    /** Offset of the channel's next unread byte (the buffer holds the bytes just before it). */
    private long channelPosition;

    public LittleEndianFile(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.size = channel.size();
    }

    public Path file() {
        return file;
    }

    /** The offset of the next byte to read. */
    public long position() {
        return channelPosition - buffer.remaining();
    }

    public long remaining() {
        return size - position();
    }

    public int u8() throws IOException {
        need(1);
        return buffer.get() & 0xFF;
    }

    public int i32() throws IOException {
        need(4);
        return buffer.getInt();
    }

    public long i64() throws IOException {
        need(8);
        return buffer.getLong();
    }

    public float f32() throws IOException {
        need(4);
        return buffer.getFloat();
    }

    public double f64() throws IOException {
        need(8);
        return buffer.getDouble();
    }

    /** The file's size in bytes. */
    public long size() {
        return size;
    }

    /** The next {@code count} bytes, at most the buffer's size (a header's opening, say). */
    public byte[] bytes(int count) throws IOException {
        need(count);
        byte[] out = new byte[count];
        buffer.get(out);
        return out;
    }

    /** Goes to byte {@code offset} of the file, back or forward. */
    public void seek(long offset) throws IOException {
        if (offset < 0 || offset > size) {
            throw unreadable(file + ": no byte " + offset + " in a file of " + size);
        }
        channelPosition = offset;
        buffer.position(buffer.limit());
        channel.position(offset);
    }

    /**
     * A uint64 count of records of at least {@code recordBytes} each, checked against the bytes
     * left: a count they cannot hold (or one past 2^63, negative as a long) is refused.
     */
    public long count(String what, long recordBytes) throws IOException {
        long at = position();
        long count = i64();
        long most = remaining() / recordBytes;
        if (count < 0 || count > most) {
            throw unreadable(file + ": truncated or corrupt: declares " + Long.toUnsignedString(count) + " " + what
                    + " at byte " + at + ", but the " + remaining() + " bytes after it hold at most " + most);
        }
        return count;
    }

    public void skip(long bytes) throws IOException {
        if (bytes > remaining()) {
            throw truncated(bytes);
        }
        if (bytes <= buffer.remaining()) {
            buffer.position(buffer.position() + (int) bytes);
            return;
        }
        channelPosition = position() + bytes;
        buffer.position(buffer.limit());
        channel.position(channelPosition);
    }

    /** The UTF-8 text up to the next NUL, which is read too. */
    public String cString() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int c = u8(); c != 0; c = u8()) {
            if (bytes.size() == MAX_STRING_BYTES) {
                throw unreadable(file + ": corrupt: a name at byte " + (position() - bytes.size() - 1)
                        + " runs past " + MAX_STRING_BYTES + " bytes without its terminating NUL");
            }
            bytes.write(c);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void need(int bytes) throws IOException {
        if (buffer.remaining() >= bytes) {
            return;
        }
        if (remaining() < bytes) {
            throw truncated(bytes);
        }
        buffer.compact();
        while (buffer.position() < bytes) {
            int read = channel.read(buffer);
            if (read < 0) {
                break; // the file shrank while being read
            }
            channelPosition += read;
        }
        buffer.flip();
        if (buffer.remaining() < bytes) {
            throw truncated(bytes);
        }
    }

    private Forge3dException truncated(long bytes) {
        return unreadable(file + ": truncated: needs " + bytes + " more bytes at byte " + position() + " of " + size);
    }

    private static Forge3dException unreadable(String message) {
        return new Forge3dException(ErrorCode.UNREADABLE_INPUT, message);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
