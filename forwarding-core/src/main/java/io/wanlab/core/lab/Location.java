package io.wanlab.core.lab;

/** Where something was written in a lab file: for error messages and rule explanations. */
public record Location(String file, int line, int column) {
    public static final Location BUILT_IN = new Location("<built-in>", 0, 0);

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ":" + column : file;
    }
}
