namespace Strata.Domain.Foundation;

/// <summary>One condition of the vocabulary (codelists/conditions.v1.csv).</summary>
/// <param name="WindowMonths">Look-back before the reference date; null means ever.</param>
/// <param name="IsLongTermCondition">One of the 20 Cambridge Multimorbidity Score conditions.</param>
public sealed record ConditionDefinition(
    string Condition,
    int? WindowMonths,
    bool IsLongTermCondition,
    double? CmsGeneral,
    double? CmsMortality);
