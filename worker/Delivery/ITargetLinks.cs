namespace Monitor.Worker.Delivery;

/// <summary>Links to a target's page (a unit's, when given) that a leader opens on a phone without a login; made by the web part when Monitor:Web:PublicUrl is set.</summary>
public interface ITargetLinks
{
    /// <summary>The absolute address of the page, signed to open until the link's lifetime has passed.</summary>
    Uri PageLink(string targetId, string? unitCode);
}
