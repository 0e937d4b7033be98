package io.minyi.casework;

/** How likely a case is to escalate; people read it as {@code casework.riskLevel.<LEVEL>} from the bundles. */
public enum RiskLevel {
    LOW, MEDIUM, HIGH
}
