namespace HeteroOrleans.Contracts.Serving;

/// <summary>A request's class: a high-priority request is admitted while normal ones are refused, and runs first.</summary>
public enum RequestPriority
{
    /// <summary>The default class.</summary>
    Normal,

    /// <summary>Kept out of the queue's last share, which normal requests may not take.</summary>
    High,
}
