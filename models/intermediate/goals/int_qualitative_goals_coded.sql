-- Targets without a number (int_goals_qualitative) in the shape of a goal: each with the
-- canonical code of the longest indicator phrase it contains and the deepest section it
-- stands in. A rate's target (…率, …比重) is a rate; any other is a growth.
{% set only_new_reports = new_reports_only() -%}

with

qualitative as (
    select * from {{ ref('int_goals_qualitative') }}
    where {{ only_new_reports }}
),

sections as (
    select * from {{ ref('sections') }}
    where {{ only_new_reports }}
),

qualitative_keys as (
    select
        *,
        clause_start_offset::varchar || ':' || indicator as qualitative_key
    from qualitative
),

qualitative_codes as (
    {{ longest_indicator_phrase('qualitative_keys', 'indicator', ['report_id', 'qualitative_key']) }}
),

qualitative_indicators as (
    select
        qualitative_keys.*,
        qualitative_codes.canonical_indicator
    from qualitative_keys
    left join qualitative_codes
        on
            qualitative_keys.report_id = qualitative_codes.report_id
            and qualitative_keys.qualitative_key = qualitative_codes.qualitative_key
),

final as (
    select
        md5(qualitative_lines.report_id || ':' || qualitative_lines.qualitative_key) as source_id,
        qualitative_lines.report_id,
        qualitative_lines.section_id,
        qualitative_lines.indicator,
        qualitative_lines.canonical_indicator,
        case
            when regexp_matches(qualitative_lines.indicator, '率|比重') then 'rate_pct'
            else 'growth_pct'
        end as metric_kind,
        null::double as value,
        null::double as value_high,
        null::double as stretch_value,
        null::varchar as unit,
        null::varchar as unit_family,
        null::varchar as direction,
        'qualitative' as comparator,
        qualitative_lines.relation,
        qualitative_lines.target_year,
        qualitative_lines.horizon,
        true as is_headline,
        qualitative_lines.quote,
        qualitative_lines.clause_start_offset as start_offset,
        -- decided in the goals mart, where the clause is the quote that starts at start_offset
        null::boolean as is_damaged_span
    from ({{ in_deepest_section('qualitative_indicators', 'sections', 'clause_start_offset') }})
        as qualitative_lines
)

select * from final
