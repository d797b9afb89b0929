package einsim.schedule;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** TFLite's arena rules (COSMA brief §5): order, smallest fitting gap, top of the stack, alignment. */
class ArenaTest {
    @Test
    void spanningFirstThenOnTopOfTheTimeOverlapping() {
        // a (5 B, steps 0–1) spans every step and is placed first, at 0; b (3 B, step 1) goes on top of a, at 5;
        // c (2 B, step 0) overlaps only a in time (not b), so it also goes at 5; the arena is 8 B
        List<Arena.Episode> eps = List.of(new Arena.Episode(0, 0, 1, 5), new Arena.Episode(1, 1, 1, 3), new Arena.Episode(2, 0, 0, 2));
        long[] off = Arena.place(eps, 2);
        assertThat(off).containsExactly(0, 5, 5, 8);
    }

    @Test
    void reusesAFreedGapAfterItsOwnerDies() {
        // x (4 B, steps 0–0) and y (4 B, steps 0–2) share step 0; z (3 B, steps 1–2) fits in x's old place below y
        List<Arena.Episode> eps = List.of(new Arena.Episode(0, 0, 0, 4), new Arena.Episode(1, 0, 2, 4), new Arena.Episode(2, 1, 2, 3));
        long[] off = Arena.place(eps, 3);
        assertThat(off[1]).isEqualTo(0); // spans every step: placed first
        assertThat(off[0]).isEqualTo(4);
        assertThat(off[2]).isEqualTo(4);
        assertThat(off[3]).isEqualTo(8);
    }

    @Test
    void tfliteAlignmentRoundsOffsetsUp() {
        List<Arena.Episode> eps = List.of(new Arena.Episode(0, 0, 1, 5), new Arena.Episode(1, 1, 1, 3));
        assertThat(Arena.place(eps, 2, 64)).containsExactly(0, 64, 67);
        assertThat(Arena.place(eps, 2, 1)).containsExactly(0, 5, 8);
    }
}
