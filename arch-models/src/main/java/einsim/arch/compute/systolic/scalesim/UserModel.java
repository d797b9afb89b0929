package einsim.arch.compute.systolic.scalesim;

import einsim.arch.compute.systolic.ConvLayer;
import einsim.arch.compute.systolic.DemandStream;
import einsim.arch.compute.systolic.FoldSchedule;
import einsim.arch.compute.systolic.SystolicArraySpec;

/** SCALE-Sim v2's USER-bandwidth mode (systolic brief §9). */
final class UserModel {
    private UserModel() {}

    static ScaleSimReport run(SystolicArraySpec a, ConvLayer layer, FoldSchedule fs, DemandStream ds) {
        throw new UnsupportedOperationException("USER bandwidth mode is not implemented yet");
    }
}
