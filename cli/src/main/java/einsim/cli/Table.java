package einsim.cli;

import java.io.PrintWriter;
import java.util.List;

/** Plain-text tables for people: left-aligned first column, right-aligned numbers. */
final class Table {
    private Table() {}

    static void print(PrintWriter out, List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] w = new int[cols];
        for (String[] r : rows) for (int c = 0; c < cols; c++) w[c] = Math.max(w[c], r[c].length());
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                if (c > 0) sb.append("  ");
                String pad = " ".repeat(w[c] - r[c].length());
                sb.append(c == 0 || i == 0 ? r[c] + pad : pad + r[c]);
            }
            out.println(sb.toString().stripTrailing());
            if (i == 0) {
                StringBuilder rule = new StringBuilder();
                for (int c = 0; c < cols; c++) rule.append(c > 0 ? "  " : "").append("-".repeat(w[c]));
                out.println(rule);
            }
        }
    }

    /** 1234567 as 1,234,567. */
    static String group(long v) {
        return String.format("%,d", v);
    }
}
