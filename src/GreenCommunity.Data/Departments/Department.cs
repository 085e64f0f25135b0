namespace GreenCommunity.Data.Departments;

/// <summary>A provincial department (省直部门): its code ('fgw'), its Chinese name and its English one.</summary>
public sealed record Department(string Code, string Name, string NameEn)
{
    public string DisplayName(bool english) => english ? NameEn : Name;
}
