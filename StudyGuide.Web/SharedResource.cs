namespace StudyGuide.Web;

/// <summary>
/// Marker for the one resource file of UI strings. Keys are the English text; French lives in
/// Resources/SharedResource.fr.resx (a test checks every key used in the app has a translation).
/// </summary>
public sealed class SharedResource;
