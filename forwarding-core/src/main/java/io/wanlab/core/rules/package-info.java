/** The rule engine: compiles an ordered rulebase once and decides each flow's transport (DESIGN 4.1). */
package io.wanlab.core.rules;
