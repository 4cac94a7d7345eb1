package dev.threadstore.files;

import dev.threadstore.tck.FileStoreContract.FileSamples;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Small sample files, a few hundred bytes each, built here rather than committed so that each one's
 * structure is visible: the real headers of each format, text that imitates a signature, executables and
 * archives that are on no allow-list.
 */
final class MimeCorpus {

    /**
     * One sample.
     *
     * @param name what it is, for the test's name
     * @param content its bytes
     * @param type the type detection must give it whatever its name or declared type says
     */
    record Sample(String name, byte[] content, String type) {
        @Override
        public String toString() {
            return name;
        }
    }

    private MimeCorpus() {
    }

    static List<Sample> all() {
        List<Sample> samples = new ArrayList<>();
        samples.add(new Sample("PDF", FileSamples.pdf(), "application/pdf"));
        samples.add(new Sample("PNG", FileSamples.png(), "image/png"));
        samples.add(new Sample("JPEG", FileSamples.jpeg(), "image/jpeg"));
        samples.add(new Sample("GIF", FileSamples.gif(), "image/gif"));
        samples.add(new Sample("WebP", FileSamples.webp(), "image/webp"));
        samples.add(new Sample("BMP", bmp(), "image/bmp"));
        samples.add(new Sample("TIFF", concat(bytes('I', 'I', 0x2A, 0, 8, 0, 0, 0), new byte[64]), "image/tiff"));
        samples.add(new Sample("HEIC", isoMedia("heic", "mif1", "heic"), "image/heic"));
        samples.add(new Sample("AVIF", isoMedia("avif", "avif", "mif1", "miaf"), "image/avif"));
        samples.add(new Sample("MP4", isoMedia("isom", "isom", "iso2", "avc1", "mp41"), "video/mp4"));
        samples.add(new Sample("M4A", isoMedia("M4A ", "M4A ", "mp42", "isom"), "audio/x-m4a"));
        samples.add(new Sample("ZIP", FileSamples.zip(), "application/zip"));
        samples.add(new Sample("DOCX", zip("[Content_Types].xml", "word/document.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
        samples.add(new Sample("gzip", FileSamples.gzip(), "application/gzip"));
        samples.add(new Sample("tar", tar("notes.txt", "hello from a tar\n"), "application/x-tar"));
        samples.add(new Sample("OLE2", concat(bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1), new byte[120]),
                "application/x-ole-storage"));
        samples.add(new Sample("Ogg Vorbis", ogg("\u0001vorbis"), "audio/ogg"));
        samples.add(new Sample("Ogg Opus", ogg("OpusHead"), "audio/opus"));
        samples.add(new Sample("FLAC", concat(ascii("fLaC"), bytes(0, 0, 0, 34), new byte[34]), "audio/flac"));
        samples.add(new Sample("WAV", wav(), "audio/wav"));
        samples.add(new Sample("MP3 with ID3", FileSamples.mp3(), "audio/mpeg"));
        samples.add(new Sample("MP3 frames", mp3Frames(), "audio/mpeg"));
        samples.add(new Sample("AAC ADTS", adts(), "audio/aac"));
        samples.add(new Sample("WebM", concat(bytes(0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x82, 0x84), ascii("webm"),
                new byte[40]), "video/webm"));
        samples.add(new Sample("Windows PE", pe(), "application/x-msdownload"));
        samples.add(new Sample("ELF", concat(bytes(0x7F, 'E', 'L', 'F', 2, 1, 1, 0), new byte[56]), "application/x-executable"));
        samples.add(new Sample("Mach-O", concat(bytes(0xCF, 0xFA, 0xED, 0xFE, 7, 0, 0, 1, 3, 0, 0, 0, 2, 0, 0, 0),
                new byte[64]), "application/x-mach-binary"));
        samples.add(new Sample("Java class", concat(bytes(0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 61), new byte[32]),
                "application/java-vm"));
        samples.add(new Sample("RAR", concat(bytes('R', 'a', 'r', '!', 0x1A, 0x07, 0x01, 0), new byte[40]), "application/vnd.rar"));
        samples.add(new Sample("7z", concat(bytes('7', 'z', 0xBC, 0xAF, 0x27, 0x1C, 0, 4), new byte[40]),
                "application/x-7z-compressed"));
        samples.add(new Sample("SQLite", concat(ascii("SQLite format 3\0"), bytes(0x10, 0, 1, 1), new byte[80]),
                "application/vnd.sqlite3"));
        samples.add(new Sample("XZ", concat(bytes(0xFD, '7', 'z', 'X', 'Z', 0, 0, 4), new byte[40]), "application/x-xz"));
        samples.add(new Sample("WebAssembly", concat(bytes(0, 'a', 's', 'm', 1, 0, 0, 0), new byte[16]), "application/wasm"));
        samples.add(new Sample("bzip2", concat(ascii("BZh91AY&SY"), bytes(0xB1, 0x0B, 0x8E, 0x9A, 0, 0, 3, 0x41)),
                "application/x-bzip2"));
        samples.add(new Sample("zstd", concat(bytes(0x28, 0xB5, 0x2F, 0xFD, 0x24, 0x05, 0x29, 0), new byte[12]),
                "application/zstd"));

        samples.add(new Sample("plain UTF-8 text", utf8("Meeting notes ✓\nBring the slides.\n"), "text/plain"));
        samples.add(new Sample("UTF-8 text with BOM", concat(bytes(0xEF, 0xBB, 0xBF), utf8("Grüße\n")), "text/plain"));
        samples.add(new Sample("UTF-16LE text with BOM", concat(bytes(0xFF, 0xFE),
                "Hello, UTF-16 ✓\r\n".getBytes(StandardCharsets.UTF_16LE)), "text/plain"));
        samples.add(new Sample("UTF-16BE text with BOM", concat(bytes(0xFE, 0xFF),
                "Hello, UTF-16 ✓\r\n".getBytes(StandardCharsets.UTF_16BE)), "text/plain"));
        samples.add(new Sample("ISO-8859-1 text", "Caf\u00e9 cr\u00e8me, s'il vous pla\u00eet\n".getBytes(StandardCharsets.ISO_8859_1),
                "text/plain"));
        samples.add(new Sample("text about the ftyp box", ascii("The ftyp box opens every MP4 file and names its brands.\n"),
                "text/plain"));
        samples.add(new Sample("text about the MZ-80K", ascii("MZ-80K was a Sharp home computer from 1979.\n"), "text/plain"));
        samples.add(new Sample("text about ID3 tags", ascii("ID3 tags hold the title and artist of an MP3.\n"), "text/plain"));
        samples.add(new Sample("text with ustar at 257", ascii(" ".repeat(257) + "ustar is the tar magic\n"), "text/plain"));
        samples.add(new Sample("braces that are not JSON", ascii("{this is not json}"), "text/plain"));
        samples.add(new Sample("JSON object", utf8("{\"city\": \"Oslo\", \"days\": [1, 2.5e3, -0.5], \"ok\": true, \"none\": null}\n"),
                "application/json"));
        samples.add(new Sample("JSON array", utf8("  [{\"a\": \"\\u00e9\\n\"}, []]"), "application/json"));
        samples.add(new Sample("SVG", FileSamples.svg(), "image/svg+xml"));
        samples.add(new Sample("SVG after comment and doctype", ascii("<!-- logo -->\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
                + "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), "image/svg+xml"));
        samples.add(new Sample("HTML document", ascii("<!DOCTYPE html>\n<html><head><title>x</title></head><body>hi</body></html>"),
                "text/html"));
        samples.add(new Sample("HTML fragment", ascii("<p>Click <a href=\"https://example.com\">here</a></p>"), "text/html"));
        samples.add(new Sample("text carrying a script", ascii("Hello!\n<script>alert(document.cookie)</script>\n"), "text/html"));
        samples.add(new Sample("PHP", ascii("<?php echo shell_exec($_GET['c']); ?>\n"), "application/x-php"));
        samples.add(new Sample("PHP inside HTML", ascii("<div>\n<?php system('id'); ?>\n</div>"), "application/x-php"));
        samples.add(new Sample("shell script", ascii("#!/bin/sh\nrm -rf \"$HOME/tmp\"\n"), "text/x-shellscript"));
        samples.add(new Sample("bash through env", ascii("#!/usr/bin/env bash\necho hi\n"), "text/x-shellscript"));
        samples.add(new Sample("XML", ascii("<?xml version=\"1.0\"?>\n<note><to>Tove</to></note>\n"), "application/xml"));
        samples.add(new Sample("XML without declaration", ascii("<note>\n  <to>Tove</to>\n</note>\n"), "application/xml"));
        samples.add(new Sample("unknown binary", bytes(0, 1, 2, 3, 200, 17, 0, 0, 5), "application/octet-stream"));
        return samples;
    }

    /** @return the content of the sample with this name */
    static byte[] content(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().content();
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** An ISO base media file: an ftyp box with the major brand and compatible brands, then an empty free box. */
    static byte[] isoMedia(String major, String... compatible) {
        int size = 16 + 4 * compatible.length;
        ByteBuffer box = ByteBuffer.allocate(size + 8);
        box.putInt(size).put(ascii("ftyp")).put(ascii(major)).putInt(0);
        for (String brand : compatible) {
            box.put(ascii(brand));
        }
        box.putInt(8).put(ascii("free"));
        return box.array();
    }

    static byte[] zip(String... entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(ascii("<x/>"));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A one-file ustar archive: header block with a correct checksum, one data block, two end blocks. */
    static byte[] tar(String name, String text) {
        byte[] header = new byte[512];
        System.arraycopy(ascii(name), 0, header, 0, name.length());
        put(header, 100, "0000644\0");
        put(header, 108, "0001750\0");
        put(header, 116, "0001750\0");
        put(header, 124, String.format("%011o\0", text.length()));
        put(header, 136, "14717403450\0");
        put(header, 148, "        ");
        header[156] = '0';
        put(header, 257, "ustar\0");
        put(header, 263, "00");
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xFF;
        }
        put(header, 148, String.format("%06o\0 ", sum));
        byte[] data = new byte[512];
        System.arraycopy(ascii(text), 0, data, 0, text.length());
        return concat(header, data, new byte[1024]);
    }

    private static void put(byte[] target, int at, String ascii) {
        System.arraycopy(ascii(ascii), 0, target, at, ascii.length());
    }

    /** An Ogg page whose first packet starts with the codec's marker. */
    static byte[] ogg(String codec) {
        byte[] page = new byte[28 + 19];
        put(page, 0, "OggS");
        page[5] = 2;
        page[26] = 1;
        page[27] = 19;
        put(page, 28, codec);
        return page;
    }

    static byte[] wav() {
        ByteBuffer b = ByteBuffer.allocate(44 + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(44).put(ascii("WAVEfmt ")).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16).put(ascii("data")).putInt(8);
        return b.array();
    }

    static byte[] bmp() {
        ByteBuffer b = ByteBuffer.allocate(58).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("BM")).putInt(58).putInt(0).putInt(54).putInt(40).putInt(1).putInt(1).putShort((short) 1)
                .putShort((short) 24).putInt(0).putInt(4).putInt(2835).putInt(2835).putInt(0).putInt(0)
                .put(bytes(0, 0, 255, 0));
        return b.array();
    }

    /** Two MPEG-1 Layer III frames, 128 kbit/s at 44.1 kHz: 417 bytes each, headers where the length says. */
    static byte[] mp3Frames() {
        byte[] frames = new byte[417 * 2];
        for (int at : new int[] {0, 417}) {
            System.arraycopy(bytes(0xFF, 0xFB, 0x90, 0x64), 0, frames, at, 4);
        }
        return frames;
    }

    /** Two AAC ADTS frames of 16 bytes each. */
    static byte[] adts() {
        byte[] header = bytes(0xFF, 0xF1, 0x50, 0x80, 0x02, 0x1F, 0xFC);
        return concat(header, new byte[9], header, new byte[9]);
    }

    /** A minimal PE: an MZ header whose e_lfanew points at the PE signature. */
    static byte[] pe() {
        byte[] b = new byte[128];
        b[0] = 'M';
        b[1] = 'Z';
        b[0x3C] = 0x40;
        put(b, 0x40, "PE\0\0");
        return b;
    }
}
