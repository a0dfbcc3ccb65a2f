package dev.ctgraphql.ingest;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes a gzip body (RFC 1952, one or more members) as it arrives, a bounded block at a time: {@link #next} inflates
 * at most one block from what has been fed, so a small compressed piece that expands a lot is never expanded at once.
 * Checks each member's CRC-32 and length.
 */
final class Gunzip {

    /** The body is not gzip, or is corrupt. */
    static final class Corrupt extends Exception {

        Corrupt(String message) {
            super(message, null, false, false);
        }
    }

    private static final int BLOCK = 64 * 1024;
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final Deque<byte[]> fed = new ArrayDeque<>();
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    /** Bytes outside the deflate stream (header, trailer) not yet consumed. */
    private byte[] loose = new byte[0];
    private boolean inMember;
    private boolean inTrailer;
    private long size;
    /** The array the inflater reads from now: it does not hand back what it did not use. */
    private byte[] lastInput = new byte[0];

    /** Adds compressed bytes as they came. */
    void feed(byte[] compressed) {
        if (compressed.length > 0) {
            fed.addLast(compressed);
        }
    }

    /** The next decoded block, or null when more compressed input is needed (or the body has ended cleanly). */
    byte[] next() throws Corrupt {
        while (true) {
            if (inTrailer) {
                if (!trailer()) {
                    return null;
                }
                continue;
            }
            if (!inMember) {
                if (!header()) {
                    return null;
                }
                continue;
            }
            byte[] out = new byte[BLOCK];
            int n;
            try {
                n = inflater.inflate(out);
            } catch (DataFormatException e) {
                throw new Corrupt("the gzip body is corrupt");
            }
            if (n > 0) {
                crc.update(out, 0, n);
                size += n;
                return n == BLOCK ? out : Arrays.copyOf(out, n);
            }
            if (inflater.finished()) {
                if (inMember) {
                    loose = concat(unconsumed(), loose);
                    inMember = false;
                    inTrailer = true;
                }
                continue;
            }
            if (inflater.needsInput()) {
                byte[] more = fed.pollFirst();
                if (more == null) {
                    return null;
                }
                lastInput = more;
                inflater.setInput(more);
            } else {
                throw new Corrupt("the gzip body needs a preset dictionary, which gzip never uses");
            }
        }
    }

    /** Fails unless the body ended where it may: between members (or before any). */
    void finish() throws Corrupt {
        if (inMember || inTrailer || loose.length > 0 || !fed.isEmpty()) {
            throw new Corrupt("the gzip body ends in the middle of its data");
        }
    }

    /** What the inflater was given but did not use: the bytes after a member's deflate data. */
    private byte[] unconsumed() {
        int remaining = inflater.getRemaining();
        byte[] rest = new byte[remaining];
        if (remaining > 0) {
            System.arraycopy(lastInput, lastInput.length - remaining, rest, 0, remaining);
        }
        return rest;
    }

    /** Parses a member header from loose and fed bytes; false when more bytes are needed. */
    private boolean header() throws Corrupt {
        gather(10);
        if (loose.length < 10) {
            return false;
        }
        if ((loose[0] & 0xff) != 0x1f || (loose[1] & 0xff) != 0x8b || loose[2] != 8) {
            throw new Corrupt("the body is not gzip (Content-Encoding: gzip was sent)");
        }
        int flags = loose[3] & 0xff;
        int at = 10;
        if ((flags & FEXTRA) != 0) {
            gather(at + 2);
            if (loose.length < at + 2) {
                return false;
            }
            int extra = (loose[at] & 0xff) | (loose[at + 1] & 0xff) << 8;
            at += 2 + extra;
        }
        for (int flag : new int[]{FNAME, FCOMMENT}) {
            if ((flags & flag) != 0) {
                int end = zero(at);
                if (end < 0) {
                    return false;
                }
                at = end + 1;
            }
        }
        if ((flags & FHCRC) != 0) {
            at += 2;
        }
        gather(at);
        if (loose.length < at) {
            return false;
        }
        byte[] rest = Arrays.copyOfRange(loose, at, loose.length);
        loose = new byte[0];
        inflater.reset();
        crc.reset();
        size = 0;
        inMember = true;
        lastInput = rest;
        inflater.setInput(rest);
        return true;
    }

    /** Checks a member's trailer (CRC-32, length mod 2^32); false when more bytes are needed. */
    private boolean trailer() throws Corrupt {
        gather(8);
        if (loose.length < 8) {
            return false;
        }
        long expectedCrc = le32(0);
        long expectedSize = le32(4);
        if (expectedCrc != crc.getValue() || expectedSize != (size & 0xffffffffL)) {
            throw new Corrupt("the gzip body is corrupt (its checksum does not match)");
        }
        loose = Arrays.copyOfRange(loose, 8, loose.length);
        inTrailer = false;
        return true;
    }

    /** Moves fed arrays into loose until it holds at least {@code count} bytes or nothing more was fed. */
    private void gather(int count) {
        while (loose.length < count && !fed.isEmpty()) {
            loose = concat(loose, fed.pollFirst());
        }
    }

    /** The index of the next zero byte in loose from {@code from}, gathering as needed; -1 when not there yet. */
    private int zero(int from) {
        int at = from;
        while (true) {
            gather(at + 1);
            if (loose.length <= at) {
                return -1;
            }
            if (loose[at] == 0) {
                return at;
            }
            at++;
        }
    }

    private long le32(int at) {
        return (loose[at] & 0xffL) | (loose[at + 1] & 0xffL) << 8 | (loose[at + 2] & 0xffL) << 16
                | (loose[at + 3] & 0xffL) << 24;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        if (a.length == 0) {
            return b;
        }
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
