package einsim.workloads;

import einsim.cascade.Cascade;
import einsim.cascade.CascadeException;
import einsim.cascade.analysis.CascadeAnalyzer;
import einsim.cascade.analysis.CascadeModel;
import einsim.cascade.analysis.SizedCascade;
import einsim.cascade.interp.Interpreter;
import einsim.cascade.parse.CascadeParser;
import einsim.cascade.parse.CascadePrinter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Feeds thousands of randomly mutated valid cascades to the parser, the validator, the analyser and the
 * interpreter: nothing but {@link CascadeException} may escape, and whatever parses must round-trip.
 */
class MutationFuzzTest {
    private static final String[] SNIPPETS = {"[", "]", "(", ")", ",", ":", "=", "::", "+", "-", "*", "/", "<=", ">=",
            "m", "m1", "M1", "p", "k", "X", "QK", "0", "1", "-inf", "max(", "exp(", "reduce(max)", "#", "init:", "body:",
            "until m1 >= M1", "tensor Z[M]", "rank M = M1 * M0", "size U = 0", "bits 0", " ", "\n", "9999999999999999999",
            "\t", "é", "$", "RM[m1 + 1, p]", "take(", "map(union)", "reduce(m, max, union)", "RD[M1, p]", "k: k <= i"};
    private static final Map<String, Long> SIZES = new HashMap<>();

    static {
        for (String r : List.of("M", "P", "E", "F", "K", "N", "B", "H", "G", "C", "Q", "R", "S", "X", "Z", "I", "Y", "A"))
            SIZES.put(r, 4L);
        SIZES.put("M0", 2L);
        SIZES.put("U", 2L);
    }

    @Property(tries = 3000)
    void onlyCascadeExceptionEscapes(@ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        String name = BundledCascades.NAMES.get(rnd.nextInt(BundledCascades.NAMES.size()));
        String text = BundledCascades.text(name);
        int edits = 1 + rnd.nextInt(4);
        for (int i = 0; i < edits; i++) text = mutate(text, rnd);
        try {
            Cascade c = CascadeParser.parse("fuzz.ein", text);
            Cascade back = CascadeParser.parse("printed.ein", CascadePrinter.print(c));
            if (!back.equals(c)) throw new AssertionError("round trip changed the cascade:\n" + text);
            CascadeModel m = CascadeModel.of(c);
            SizedCascade sc = SizedCascade.of(m, SIZES);
            CascadeAnalyzer.analyze(sc);
            Interpreter.run(sc, Interpreter.randomInputs(sc, seed));
        } catch (CascadeException expected) {
            if (expected.getMessage() == null || expected.getMessage().isBlank()) throw new AssertionError("empty message");
        }
    }

    private static String mutate(String text, SplittableRandom rnd) {
        if (text.isEmpty()) return SNIPPETS[rnd.nextInt(SNIPPETS.length)];
        int at = rnd.nextInt(text.length());
        switch (rnd.nextInt(7)) {
            case 0: // delete a character
                return text.substring(0, at) + text.substring(at + 1);
            case 1: // insert a snippet
                return text.substring(0, at) + SNIPPETS[rnd.nextInt(SNIPPETS.length)] + text.substring(at);
            case 2: { // delete a line
                List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
                lines.remove(rnd.nextInt(lines.size()));
                return String.join("\n", lines);
            }
            case 3: { // duplicate a line
                List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
                int i = rnd.nextInt(lines.size());
                lines.add(rnd.nextInt(lines.size() + 1), lines.get(i));
                return String.join("\n", lines);
            }
            case 4: { // swap two lines
                List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
                java.util.Collections.swap(lines, rnd.nextInt(lines.size()), rnd.nextInt(lines.size()));
                return String.join("\n", lines);
            }
            case 5: { // replace a run of characters
                int end = Math.min(text.length(), at + 1 + rnd.nextInt(6));
                return text.substring(0, at) + SNIPPETS[rnd.nextInt(SNIPPETS.length)] + text.substring(end);
            }
            default: { // swap the case of a letter (turns variables into sizes and back)
                char c = text.charAt(at);
                char s = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
                return text.substring(0, at) + s + text.substring(at + 1);
            }
        }
    }
}
