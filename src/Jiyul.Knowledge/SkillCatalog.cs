namespace Jiyul.Knowledge;

/// <summary>Placeholder until the knowledge library lands.</summary>
public static class SkillCatalog
{
}
