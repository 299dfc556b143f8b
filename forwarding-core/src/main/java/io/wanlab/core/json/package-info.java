/** The one configured Jackson mapper for the documents wanlab writes and reads back itself (events, status answers, reports, state). */
package io.wanlab.core.json;
