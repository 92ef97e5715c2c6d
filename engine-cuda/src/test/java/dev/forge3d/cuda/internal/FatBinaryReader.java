package dev.forge3d.cuda.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists the GPU code in a shared library: the entries of its {@code .nv_fatbin} ELF section. The
 * fat binary layout is NVIDIA's (what cuobjdump reads): a 16-byte header with magic 0xBA55ED50,
 * then entries whose header gives the kind (1 PTX, 2 SASS in an ELF cubin), the payload size and
 * the target architecture.
 */
final class FatBinaryReader {
    private static final int FATBIN_MAGIC = 0xBA55ED50;
    static final int KIND_PTX = 1;
    static final int KIND_SASS = 2;

    record Entry(int kind, int architecture) {
    }

    private FatBinaryReader() {
    }

    static List<Entry> entries(byte[] library) {
        ByteBuffer elf = ByteBuffer.wrap(library).order(ByteOrder.LITTLE_ENDIAN);
        if (elf.getInt(0) != 0x464C457F || elf.get(4) != 2) {
            throw new IllegalArgumentException("not a 64-bit ELF file");
        }
        long[] section = findSection(elf, ".nv_fatbin");
        List<Entry> entries = new ArrayList<>();
        int position = Math.toIntExact(section[0]);
        int end = Math.toIntExact(section[0] + section[1]);
        while (position + 16 <= end) {
            if (elf.getInt(position) != FATBIN_MAGIC) {
                position += 8; // fat binaries are 8-byte aligned; skip padding between them
                continue;
            }
            int headerSize = Short.toUnsignedInt(elf.getShort(position + 6));
            long bodySize = elf.getLong(position + 8);
            int entry = position + headerSize;
            int bodyEnd = Math.toIntExact(entry + bodySize);
            while (entry < bodyEnd) {
                int kind = Short.toUnsignedInt(elf.getShort(entry));
                int entryHeaderSize = elf.getInt(entry + 4);
                long payloadSize = elf.getLong(entry + 8);
                int architecture = elf.getInt(entry + 28);
                entries.add(new Entry(kind, architecture));
                entry = Math.toIntExact(entry + entryHeaderSize + payloadSize);
            }
            position = bodyEnd;
        }
        return entries;
    }

    /** {offset, size} of the named section. */
    private static long[] findSection(ByteBuffer elf, String wanted) {
        long sectionTable = elf.getLong(0x28);
        int entrySize = Short.toUnsignedInt(elf.getShort(0x3A));
        int count = Short.toUnsignedInt(elf.getShort(0x3C));
        int namesIndex = Short.toUnsignedInt(elf.getShort(0x3E));
        long namesOffset = elf.getLong(Math.toIntExact(sectionTable + (long) namesIndex * entrySize + 0x18));
        for (int i = 0; i < count; i++) {
            int header = Math.toIntExact(sectionTable + (long) i * entrySize);
            int nameOffset = Math.toIntExact(namesOffset + elf.getInt(header));
            int nameEnd = nameOffset;
            while (elf.get(nameEnd) != 0) {
                nameEnd++;
            }
            String name = new String(elf.array(), nameOffset, nameEnd - nameOffset, StandardCharsets.US_ASCII);
            if (name.equals(wanted)) {
                return new long[] {elf.getLong(header + 0x18), elf.getLong(header + 0x20)};
            }
        }
        throw new IllegalArgumentException("no " + wanted + " section");
    }
}
