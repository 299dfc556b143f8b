/** Static prediction over a lab file: the reset hazard, shadowed rules, catalog and link problems, their fix and probes. */
package io.wanlab.core.lint;
