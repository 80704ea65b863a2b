/// The version `plansh --version` prints.
public enum PlanshVersion {
    public static let string = "0.1.0"
}
