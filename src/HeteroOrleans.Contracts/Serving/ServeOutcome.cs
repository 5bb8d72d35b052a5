namespace HeteroOrleans.Contracts.Serving;

/// <summary>How a request to the inference service ended.</summary>
public enum ServeOutcome
{
    /// <summary>Every image has its fine answer, given by the deadline.</summary>
    FineInTime,

    /// <summary>The fine answer of some image could not come by the deadline: the request ended with the coarse answers.</summary>
    CoarseAtDeadline,

    /// <summary>Not admitted: the service is full, or no device of a role it needs is available. Try again after the hint.</summary>
    Refused,

    /// <summary>Its caller gave up; its queued work did not run.</summary>
    Cancelled,

    /// <summary>
    /// Admitted, but not even the coarse answer came by the deadline (every device of its role was busy): the request
    /// ended then, unanswered, and its queued work was cancelled. Try again after the hint.
    /// </summary>
    Expired,
}
