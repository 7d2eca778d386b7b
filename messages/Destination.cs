using System.Text.Json.Serialization;

namespace Monitor.Messages;

/// <summary>A graduate's destination (毕业去向).</summary>
[JsonConverter(typeof(EnumNameConverter<Destination>))]
public enum Destination
{
    /// <summary>签就业协议.</summary>
    AgreementEmployment,

    /// <summary>签劳动合同.</summary>
    ContractEmployment,

    /// <summary>其他录用形式.</summary>
    OtherEmployment,

    /// <summary>科研助理、管理助理.</summary>
    ResearchAssistant,

    /// <summary>应征义务兵.</summary>
    Military,

    /// <summary>国家基层项目.</summary>
    NationalGrassrootsProject,

    /// <summary>地方基层项目.</summary>
    LocalGrassrootsProject,

    /// <summary>自主创业.</summary>
    Entrepreneurship,

    /// <summary>自由职业.</summary>
    Freelance,

    /// <summary>升学 (e.g. 专升本).</summary>
    FurtherStudy,

    /// <summary>出国、出境.</summary>
    StudyAbroad,

    /// <summary>待就业: not placed.</summary>
    Unplaced,

    /// <summary>暂不就业 (不就业拟升学 and the like): not placed.</summary>
    NotSeekingEmployment,
}
