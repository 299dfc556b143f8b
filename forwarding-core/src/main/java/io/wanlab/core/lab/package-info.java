/** The lab file model (sites, links, account, application catalog, ordered network rules) and its loader. */
package io.wanlab.core.lab;
