namespace HeteroOrleans.Contracts.Jobs;

/// <summary>Which of an image's two answers an <see cref="ImageAnswer"/> is.</summary>
public enum AnswerStage
{
    /// <summary>The end device's quick answer: one of 20 super-classes.</summary>
    Coarse,

    /// <summary>The edge's or cloud's later answer: one of 100 classes.</summary>
    Fine,
}
