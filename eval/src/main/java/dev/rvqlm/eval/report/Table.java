package dev.rvqlm.eval.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A small table of text cells with a header, rendered as Markdown, HTML or aligned plain text.
 *
 * @param title  what the table shows
 * @param header column names
 * @param rows   cells, each row as long as the header
 */
public record Table(String title, List<String> header, List<List<String>> rows) {

    public Table {
        header = List.copyOf(header);
        List<List<String>> copied = new ArrayList<>();
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalStateException(
                        "table '" + title + "' has " + header.size() + " columns but a row has " + row.size());
            }
            copied.add(List.copyOf(row));
        }
        rows = List.copyOf(copied);
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("| ").append(String.join(" | ", header)).append(" |\n|");
        md.append(" --- |".repeat(header.size())).append('\n');
        for (List<String> row : rows) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return md.toString();
    }

    public String html() {
        StringBuilder html = new StringBuilder("<table>\n<thead><tr>");
        for (String h : header) {
            html.append("<th>").append(Html.escape(h)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            html.append("<tr>");
            for (String cell : row) {
                html.append("<td>").append(Html.escape(cell)).append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</tbody>\n</table>\n").toString();
    }

    /** Columns padded to their widest cell, for the terminal. */
    public String text() {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder text = new StringBuilder();
        appendPadded(text, header, widths);
        for (List<String> row : rows) {
            appendPadded(text, row, widths);
        }
        return text.toString();
    }

    private static void appendPadded(StringBuilder text, List<String> cells, int[] widths) {
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            text.append(
                    c == 0
                            ? String.format("%-" + widths[c] + "s", cell)
                            : String.format("  %" + widths[c] + "s", cell));
        }
        text.append('\n');
    }
}
