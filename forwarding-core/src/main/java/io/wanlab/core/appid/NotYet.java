package io.wanlab.core.appid;

/** The payload seen so far is a valid beginning: more bytes are needed. A singleton, so returning it allocates nothing. */
public enum NotYet implements Identification {
    INSTANCE;

    @Override
    public String toString() {
        return "NotYet";
    }
}
