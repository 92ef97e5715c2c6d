package dev.forge3d.engine.media;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** JPEG files as a phone writes them: the pixels as the sensor read them, and an EXIF orientation tag. */
public final class ExifOrientation {
    private ExifOrientation() {
    }

    /** The JPEG with an EXIF APP1 segment holding only the orientation tag, right after SOI. */
    public static byte[] tagged(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8) // header, first IFD at 8
                .putShort((short) 1) // one entry
                .putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0)
                .putInt(0); // no next IFD
        byte[] exif = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        int length = 2 + exif.length + tiff.capacity();
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 2 + length);
        out.put(jpeg, 0, 2).put((byte) 0xFF).put((byte) 0xE1).putShort((short) length).put(exif).put(tiff.array());
        return out.put(jpeg, 2, jpeg.length - 2).array();
    }
}
