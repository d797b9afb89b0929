package einsim.mappers.map;

import java.util.Locale;

/** What the search minimises. EDP = energy (pJ) × cycles; ties broken by the other quantity. */
public enum Objective {
    CYCLES, ENERGY, EDP;

    public static Objective parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MapperException("unknown objective '" + s + "'", "use cycles, energy or edp");
        }
    }

    /** Smaller is better; +∞ for an invalid mapping. */
    public double of(double cycles, double energyPj) {
        return switch (this) {
            case CYCLES -> cycles * (1 + 1e-12) + energyPj * 1e-18;
            case ENERGY -> energyPj * (1 + 1e-12) + cycles * 1e-18;
            case EDP -> cycles * energyPj;
        };
    }
}
