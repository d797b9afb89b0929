package einsim.workloads;

import einsim.cascade.Cascade;
import einsim.cascade.analysis.CascadeModel;
import einsim.cascade.parse.CascadeParser;
import einsim.cascade.parse.CascadePrinter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code einsim cascade print} gives a canonical form that parses back to an equal cascade, comments included. */
class RoundTripTest {
    static List<String> names() { return BundledCascades.NAMES; }

    @ParameterizedTest
    @MethodSource("names")
    void printedFormParsesBackEqual(String name) {
        Cascade c = BundledCascades.load(name);
        CascadeModel.of(c);
        String printed = CascadePrinter.print(c);
        Cascade back = CascadeParser.parse("printed.ein", printed);
        assertThat(back).isEqualTo(c);
        assertThat(CascadePrinter.print(back)).isEqualTo(printed); // canonical: printing is a fixed point
        assertThat(back.name()).isEqualTo(name);
        assertThat(back.comments()).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("names")
    void bundledFilesAreAlreadyCanonical(String name) {
        // the shipped files are written in canonical form, so print changes nothing but spacing of sections
        String printed = CascadePrinter.print(BundledCascades.load(name));
        assertThat(printed.replace("\n\n", "\n")).isEqualTo(BundledCascades.text(name).replace("\n\n", "\n"));
    }
}
