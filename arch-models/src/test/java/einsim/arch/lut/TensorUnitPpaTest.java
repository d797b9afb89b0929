package einsim.arch.lut;

import einsim.arch.lut.LutGemm.AType;
import einsim.arch.lut.TensorUnitPpa.Design;
import einsim.arch.lut.TensorUnitPpa.Ppa;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The tensor-unit component model: counts × cited constants, and the design-space sweep of the paper's Fig. 14
 * (lut-pim brief §6.1 row 8) landing on K = 4 and M2N64K4 with constants not fitted to the paper.
 */
class TensorUnitPpaTest {
    private static final ComponentTech T = ComponentTech.tsmc28();

    @Test
    void theRtlTileIsItsComponentsTimesTheirConstants() {
        Ppa p = TensorUnitPpa.lut(2, 64, 4, 2, AType.FP16, false, T);
        // 128 FP16 adders, 128 8:1 muxes of 16 bits (7 MUX2 per bit), 128 sign XORs, 128 5-bit exponent adders,
        // tables 2 x 8 x 16 bits, weights 4 x 64 x 2 bits, accumulators 128 x 16 bits
        assertThat(p.areaUm2ByComponent().get("adders")).isCloseTo(128 * 1360 * ComponentTech.AREA_45_TO_28, within(1e-6));
        assertThat(p.areaUm2ByComponent().get("table muxes")).isCloseTo(128 * 7 * 16 * T.mux2Um2(), within(1e-6));
        assertThat(p.areaUm2ByComponent().get("negation")).isCloseTo(128 * T.xorUm2(), within(1e-9));
        assertThat(p.areaUm2ByComponent().get("plane scaling")).isCloseTo(128 * T.intAddUm2(5), within(1e-9));
        assertThat(p.areaUm2ByComponent().get("table registers")).isCloseTo(256 * T.dffUm2(), within(1e-9));
        assertThat(p.areaUm2ByComponent().get("weight registers")).isCloseTo(512 * T.dffUm2(), within(1e-9));
        assertThat(p.areaUm2ByComponent().get("accumulator registers")).isCloseTo(2048 * T.dffUm2(), within(1e-9));
        assertThat(p.macsPerCycle()).isEqualTo(256);   // 512 per step over 2 bit planes
        assertThat(p.tableBits()).isEqualTo(16);
        assertThat(TensorUnitPpa.tableBits(4, AType.INT8, false)).isEqualTo(10);   // the exact sum of four INT8 values
        assertThat(TensorUnitPpa.tableBits(4, AType.FP16, true)).isEqualTo(8);
    }

    @Test
    void constantsAgreeWithBitModsOwn28nmSynthesisWithin15Percent() {
        // BitMoD hardware/PE_Area_Power.xlsx (TSMC 28 nm, 1 GHz): FP16 adder 459.9 um2 without registers, 0.28 mW
        assertThat(T.fp16AddUm2() / 459.9).isBetween(0.85, 1.15);
        assertThat(T.fp16AddPj() / 0.28).isBetween(0.85, 1.15);
    }

    @Test
    void theSweepLandsOnKEquals4AndM2N64K4() {
        for (AType a : AType.values()) {
            for (int w : new int[]{1, 2, 4}) {
                List<Ppa> d = TensorUnitPpa.dse(Design.LUT, w, a, false, 512, T);
                assertThat(d).hasSize(10 + 9 + 8 + 7 + 6);   // K = 1, 2, 4, 8, 16 and every power-of-two M with M·N·K = 512
                assertThat(d.get(0).k()).as(a + " W" + w).isEqualTo(4);
                Ppa rtl = d.stream().filter(p -> p.shape().equals("M2N64K4")).findFirst().orElseThrow();
                // M2N64K4 is the optimum for 1-bit weights; with more weight bits the weight registers grow and the
                // optimum moves to M4N32K4 (FP 2-bit: a tie), M2N64K4 then 0-6.3 % behind (docs/lut.md)
                if (w == 1) assertThat(d.get(0).shape()).as(a + " W1").isEqualTo("M2N64K4");
                if (w == 4) assertThat(d.get(0).shape()).as(a + " W4").isEqualTo("M4N32K4");
                assertThat(rtl.areaPowerPerMac2() / d.get(0).areaPowerPerMac2()).as(a + " W" + w).isLessThan(1.065);
                // K = 2 and K = 8 are far off: the adders per MAC double, or the muxes and tables explode
                for (Ppa p : d) if (p.k() != 4) assertThat(p.areaPowerPerMac2()).isGreaterThan(1.3 * d.get(0).areaPowerPerMac2());
            }
        }
    }

    @Test
    void lutBeatsMacForLowBitWeightsAndTheDotProductSweepPeaks() {
        for (AType a : AType.values()) {
            Ppa lut = TensorUnitPpa.lut(2, 64, 4, 1, a, false, T);
            Ppa mac = TensorUnitPpa.mac(8, 4, 16, a, T);
            assertThat(mac.areaUm2() / mac.macsPerCycle()).as(a.name()).isGreaterThan(2 * lut.areaUm2() / lut.macsPerCycle());
            assertThat(mac.powerMw() / mac.macsPerCycle()).as(a.name()).isGreaterThan(2 * lut.powerMw() / lut.macsPerCycle());
        }
        // Fig. 11's dot-product unit (M = N = 1): FP density peaks at K = 4 (the paper: K = 5, K = 4 close); INT8 at
        // K = 3 in this model, where the paper finds K = 4 (docs/lut.md reports the disagreement)
        assertThat(argmaxDensity(TensorUnitPpa.dotProductSweep(8, 1, AType.FP16, false, T))).isEqualTo(4);
        assertThat(argmaxDensity(TensorUnitPpa.dotProductSweep(8, 1, AType.INT8, false, T))).isEqualTo(3);
    }

    static int argmaxDensity(List<Ppa> sweep) {
        Ppa best = sweep.get(0);
        for (Ppa p : sweep) if (p.tflopsPerMm2(1) > best.tflopsPerMm2(1)) best = p;
        return best.k();
    }
}
