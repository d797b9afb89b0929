package einsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** einsim quant: the format report on a synthetic tensor and on .npy files, and its bad input. */
class QuantCliTest {
    static Path npy(Path dir, String descr, int rows, int cols, int width) throws IOException {
        String h = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int pad = 64 - (10 + h.length() + 1) % 64;
        h = h + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + h.length() + rows * cols * width).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0).putShort((short) h.length());
        b.put(h.getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < rows * cols; i++) {
            if (width == 4) b.putFloat((float) Math.sin(i) * 0.05f);
            else b.put((byte) i);
        }
        Path p = dir.resolve(descr.replaceAll("[^a-z0-9]", "") + ".npy");
        Files.write(p, b.array());
        return p;
    }

    @Test
    void reportOnSyntheticAndNpy(@TempDir Path dir) throws IOException {
        CliTest.Run r = CliTest.run("quant", "--rows", "32", "--cols", "256", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("formats").size()).isEqualTo(8);
        for (JsonNode f : j.get("formats")) {
            assertThat(f.get("bits_per_weight").asDouble()).as(f.get("format").asText()).isBetween(3.0, 4.5);
            assertThat(f.get("mse").asDouble()).isPositive();
        }
        // BitMoD's mixed FP4 beats plain INT4 at fewer bits on outlier-heavy weights
        double int4 = 0, bm4 = 0;
        for (JsonNode f : j.get("formats")) {
            if (f.get("format").asText().equals("int4")) int4 = f.get("mse").asDouble();
            if (f.get("format").asText().equals("bitmod-fp4")) bm4 = f.get("mse").asDouble();
        }
        assertThat(bm4).isLessThan(int4);
        CliTest.Run n = CliTest.run("quant", "--npy", npy(dir, "<f4", 8, 128, 4).toString(), "--group", "64");
        assertThat(n.code()).as(n.err()).isZero();
        assertThat(n.out()).contains("[8 x 128]").contains("bitmod-fp3");
    }

    @Test
    void badInputIsOneSentence(@TempDir Path dir) throws IOException {
        CliTest.Run g = CliTest.run("quant", "--group", "100");
        assertThat(g.code()).isEqualTo(2);
        assertThat(g.err()).contains("group size 100 does not divide the 1024 input channels");
        CliTest.Run d = CliTest.run("quant", "--npy", npy(dir, "|i1", 4, 8, 1).toString());
        assertThat(d.code()).isEqualTo(2);
        assertThat(d.err()).contains("dtype '|i1'").doesNotContain("Exception");
        Path neg = dir.resolve("neg.npy");
        String h = "{'descr': '<f4', 'fortran_order': False, 'shape': (-1, 4), }";
        byte[] head = ("\u0093NUMPY\u0001\u0000").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer nb = ByteBuffer.allocate(10 + h.length()).order(ByteOrder.LITTLE_ENDIAN);
        nb.put(head).putShort((short) h.length()).put(h.getBytes(StandardCharsets.ISO_8859_1));
        Files.write(neg, nb.array());
        CliTest.Run ng = CliTest.run("quant", "--npy", neg.toString());
        assertThat(ng.code()).isEqualTo(2);
        assertThat(ng.err()).contains("is not a tuple of sizes").doesNotContain("Exception");
        Files.write(dir.resolve("short.npy"), head);
        CliTest.Run sh = CliTest.run("quant", "--npy", dir.resolve("short.npy").toString());
        assertThat(sh.code()).isEqualTo(2);
        assertThat(sh.err()).contains("header");
        CliTest.Run b = CliTest.run("quant", "--int-bits", "0");
        assertThat(b.code()).isEqualTo(2);
        assertThat(b.err()).contains("--int-bits 0");
    }
}
