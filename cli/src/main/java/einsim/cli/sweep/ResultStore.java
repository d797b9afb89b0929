package einsim.cli.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The results store: an embedded DuckDB file. Points are committed as they finish into {@code points} (one row per
 * point: id, status, error, options and result as JSON), so a killed sweep loses nothing committed and resumes
 * where it stopped; {@code results} is the flat table people query: {@code point_id}, {@code status}, {@code error},
 * one column per option, then every result field flattened ({@code total.time_s}).
 */
public final class ResultStore implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final Connection conn;

    private ResultStore(Path file, Connection conn) {
        this.file = file;
        this.conn = conn;
    }

    public static ResultStore open(Path file) {
        try {
            Class.forName("org.duckdb.DuckDBDriver");
            if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
            Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS sweep_meta (key VARCHAR PRIMARY KEY, value VARCHAR)");
                st.execute("CREATE TABLE IF NOT EXISTS points (point_id BIGINT PRIMARY KEY, status VARCHAR, error VARCHAR, "
                        + "options VARCHAR, result VARCHAR)");
            }
            c.setAutoCommit(false);
            return new ResultStore(file, c);
        } catch (ClassNotFoundException | SQLException | IOException e) {
            throw new SweepException("cannot open the results store " + file + ": " + e.getMessage(),
                    "check the path; another einsim may hold the file open");
        }
    }

    /** Opens an existing store for reading; a missing file is bad input. */
    public static ResultStore openExisting(Path file) {
        if (!Files.isRegularFile(file)) throw new SweepException("no results store at " + file, "run einsim sweep ... --out " + file);
        return open(file);
    }

    public String meta(String key) {
        try (PreparedStatement ps = conn.prepareStatement("SELECT value FROM sweep_meta WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void setMeta(String key, String value) {
        try (PreparedStatement ps = conn.prepareStatement("INSERT OR REPLACE INTO sweep_meta VALUES (?, ?)")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
            conn.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ids of the points already stored (a resumed sweep skips them). */
    public Set<Long> donePoints() {
        Set<Long> done = new HashSet<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT point_id FROM points")) {
            while (rs.next()) done.add(rs.getLong(1));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return done;
    }

    /**
     * Stores finished points and commits. Uses DuckDB's appender (bulk, about 100x faster than batched INSERTs);
     * callers never store a point twice: a resumed sweep skips the stored ones.
     */
    public void append(List<PointRunner.Outcome> batch, Map<Long, SweepSpec.Point> points) {
        if (batch.isEmpty()) return;
        try (org.duckdb.DuckDBAppender app = conn.unwrap(org.duckdb.DuckDBConnection.class).createAppender("main", "points")) {
            for (PointRunner.Outcome o : batch) {
                ObjectNode opts = JsonNodeFactory.instance.objectNode();
                points.get(o.pointId()).options().forEach(opts::set);
                app.beginRow();
                app.append(o.pointId());
                app.append(o.status());
                if (o.error() == null) app.appendNull();
                else app.append(o.error());
                app.append(opts.toString());
                if (o.resultJson() == null) app.appendNull();
                else app.append(o.resultJson());
                app.endRow();
            }
            app.flush();
            conn.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Counts by status. */
    public Map<String, Long> counts() {
        Map<String, Long> m = new LinkedHashMap<>();
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT status, count(*) FROM points GROUP BY status ORDER BY status")) {
            while (rs.next()) m.put(rs.getString(1), rs.getLong(2));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return m;
    }

    /**
     * Rebuilds {@code results} from {@code points}: options as columns in sweep order, then the flattened result
     * fields in the order they first appear (a field named like an option is left out: it repeats the option).
     * Types: BIGINT for whole numbers, DOUBLE for other numbers, BOOLEAN, else VARCHAR.
     */
    public void materialize() {
        List<String> optionCols = new ArrayList<>();
        String oc = meta("option_columns");
        if (oc != null) {
            try {
                JSON.readTree(oc).forEach(n -> optionCols.add(n.asText()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        List<Map<String, JsonNode>> rows = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        types.put("point_id", "BIGINT");
        types.put("status", "VARCHAR");
        types.put("error", "VARCHAR");
        for (String o : optionCols) types.put(o, null);
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT point_id, status, error, options, result FROM points ORDER BY point_id")) {
            while (rs.next()) {
                Map<String, JsonNode> row = new LinkedHashMap<>();
                row.put("point_id", JsonNodeFactory.instance.numberNode(rs.getLong(1)));
                row.put("status", JsonNodeFactory.instance.textNode(rs.getString(2)));
                String err = rs.getString(3);
                row.put("error", err == null ? JsonNodeFactory.instance.nullNode() : JsonNodeFactory.instance.textNode(err));
                JSON.readTree(rs.getString(4)).fields().forEachRemaining(e -> row.put(e.getKey(), e.getValue()));
                String res = rs.getString(5);
                if (res != null) {
                    Map<String, JsonNode> flat = new LinkedHashMap<>();
                    Flattener.flatten(JSON.readTree(res), "", flat);
                    for (Map.Entry<String, JsonNode> e : flat.entrySet()) {
                        if (types.containsKey(e.getKey()) && (optionCols.contains(e.getKey()) || e.getKey().equals("point_id")
                                || e.getKey().equals("status") || e.getKey().equals("error"))) continue;
                        row.put(e.getKey(), e.getValue());
                        types.putIfAbsent(e.getKey(), null);
                    }
                }
                for (Map.Entry<String, JsonNode> e : row.entrySet()) types.put(e.getKey(), widen(types.get(e.getKey()), e.getValue()));
                rows.add(row);
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        types.replaceAll((k, v) -> v == null ? "VARCHAR" : v);
        List<String> cols = new ArrayList<>(types.keySet());
        StringBuilder ddl = new StringBuilder("CREATE TABLE results (");
        for (int i = 0; i < cols.size(); i++) {
            if (i > 0) ddl.append(", ");
            ddl.append('"').append(cols.get(i).replace("\"", "\"\"")).append("\" ").append(types.get(cols.get(i)));
        }
        ddl.append(')');
        try {
            try (Statement st = conn.createStatement()) {
                st.execute("DROP TABLE IF EXISTS results");
                st.execute(ddl.toString());
            }
            String[] t = new String[cols.size()];
            for (int i = 0; i < t.length; i++) t[i] = types.get(cols.get(i));
            try (org.duckdb.DuckDBAppender app = conn.unwrap(org.duckdb.DuckDBConnection.class).createAppender("main", "results")) {
                for (Map<String, JsonNode> row : rows) {
                    app.beginRow();
                    for (int i = 0; i < t.length; i++) {
                        JsonNode v = row.get(cols.get(i));
                        if (v == null || v.isNull()) app.appendNull();
                        else if (t[i].equals("BIGINT")) app.append(v.asLong());
                        else if (t[i].equals("DOUBLE")) app.append(v.asDouble());
                        else if (t[i].equals("BOOLEAN")) app.append(v.asBoolean());
                        else app.append(v.isValueNode() ? v.asText() : v.toString());
                    }
                    app.endRow();
                }
                app.flush();
            }
            conn.commit();
            setMeta("materialized_points", Long.toString(rows.size()));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot build the results table in " + file + ": " + e.getMessage(), e);
        }
    }

    private static String widen(String had, JsonNode v) {
        if (v == null || v.isNull()) return had;
        String t = v.isIntegralNumber() ? "BIGINT" : v.isNumber() ? "DOUBLE" : v.isBoolean() ? "BOOLEAN" : "VARCHAR";
        if (had == null || had.equals(t)) return t;
        if ((had.equals("BIGINT") && t.equals("DOUBLE")) || (had.equals("DOUBLE") && t.equals("BIGINT"))) return "DOUBLE";
        return "VARCHAR";
    }

    /** Makes sure {@code results} reflects every stored point. */
    public void ensureMaterialized() {
        long stored;
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM points")) {
            rs.next();
            stored = rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        String m = meta("materialized_points");
        if (m == null || Long.parseLong(m) != stored) materialize();
    }

    /** Runs SQL; returns the column names and rows as JSON values. */
    public ArrayNode query(String sql) {
        ensureMaterialized();
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                ObjectNode o = out.addObject();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    String name = md.getColumnLabel(i);
                    if (v == null) o.putNull(name);
                    else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof java.math.BigInteger) o.put(name, ((Number) v).longValue());
                    else if (v instanceof Number) o.put(name, ((Number) v).doubleValue());
                    else if (v instanceof Boolean) o.put(name, (Boolean) v);
                    else o.put(name, v.toString());
                }
            }
        } catch (SQLException e) {
            throw new SweepException("SQL failed: " + e.getMessage().lines().findFirst().orElse(""), "the table is results; "
                    + "quote column names with dots: \"total.time_s\"");
        }
        return out;
    }

    /** Column names of a query (also when it returns no rows). */
    public List<String> columns(String sql) {
        ensureMaterialized();
        List<String> cols = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) cols.add(md.getColumnLabel(i));
        } catch (SQLException e) {
            throw new SweepException("SQL failed: " + e.getMessage().lines().findFirst().orElse(""), null);
        }
        return cols;
    }

    /** Writes {@code results}, ordered by point id, as Parquet or CSV. */
    public void export(String format, Path out) {
        ensureMaterialized();
        String f = format.equals("parquet") ? "FORMAT PARQUET" : "FORMAT CSV, HEADER";
        try (Statement st = conn.createStatement()) {
            if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
            st.execute("COPY (SELECT * FROM results ORDER BY point_id) TO '" + out.toAbsolutePath().toString().replace("'", "''")
                    + "' (" + f + ")");
        } catch (SQLException | IOException e) {
            throw new SweepException("cannot export to " + out + ": " + e.getMessage(), "check the path");
        }
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
