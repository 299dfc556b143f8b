package io.wanlab.core.appid;

/**
 * What a flow's client payload says so far: {@link Identified} and {@link GaveUp} are final,
 * {@link NotYet} asks for more bytes.
 */
public sealed interface Identification permits Identified, NotYet, GaveUp {

    /** True for {@link Identified} and {@link GaveUp}: later segments cannot change the answer. */
    default boolean isFinal() {
        return !(this instanceof NotYet);
    }
}
