package io.wanlab.core.json;

import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;

/**
 * JSON's standard escapes, plus every UTF-16 surrogate as <code>&#92;uXXXX</code>. Text from the
 * wire (an SNI, a capture comment) can hold an unpaired surrogate, which has no UTF-8 form: written
 * raw, a strict encoder refuses the whole file and a lenient one turns it into '?'. Escaped, the
 * document stays valid UTF-8 and reads back to the same Java string. Jackson asks per char, so the
 * halves of a proper pair (an emoji) are escaped too; readers see the same text. U+2028 and
 * U+2029 are escaped as well: valid in JSON, but line ends to JavaScript and to some editors.
 */
final class SurrogateEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private static final int[] ASCII = CharacterEscapes.standardAsciiEscapesForJSON();

    @Override
    public int[] getEscapeCodesForAscii() {
        return ASCII;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        if (!Character.isSurrogate((char) ch) && ch != 0x2028 && ch != 0x2029) {
            return null;
        }
        return new SerializedString(String.format("\\u%04x", ch));
    }
}
