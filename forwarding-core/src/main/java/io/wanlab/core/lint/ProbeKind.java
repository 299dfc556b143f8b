package io.wanlab.core.lint;

/** Why a probe exists: to show a finding live, or to exercise one rule. */
public enum ProbeKind {
    FINDING,
    RULE
}
