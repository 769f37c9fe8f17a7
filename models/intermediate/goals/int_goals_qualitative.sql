-- Targets without a number in a main-targets passage: a clause that ties an indicator to
-- something else ("城镇居民人均可支配收入与经济增长基本同步", "完成市下达任务", "控制在合理范围内"),
-- or, in the sentence that lists the targets, an aim for an indicator ("经济结构进一步优化",
-- "城乡居民收入稳定增长", "国际收支基本平衡"). Clauses that list several indicators
-- ("节能减排降碳、居民消费价格等指标…") give one target each.
{% set only_new_reports = new_reports_only() -%}

with

passages as (
    select * from {{ ref('int_goal_passages_found') }}
    where {{ only_new_reports }}
),

report_lines as (
    select * replace ({{ line_as_written() }} as line_text)
    from {{ ref('int_report_lines_split') }}
    where {{ only_new_reports }}
),

passage_spans as (
    select
        report_id,
        passage_start_offset as start_offset,
        passage_end_offset as end_offset
    from passages
),

passage_texts as (
    {{ span_texts('passage_spans', 'report_lines') }}
),

passage_clauses as (
    select
        passages.report_id,
        -- a key of its own: two passages may start at one offset
        row_number() over () as passage_number,
        passages.horizon,
        passages.target_year,
        passages.passage_start_offset,
        -- the sentence that lists the targets ends at the first full stop; what follows explains
        -- them ("这里要着重说明,…综合考虑了…")
        passages.passage_start_offset + coalesce(
            nullif(strpos(passage_texts.span_text, '。'), 0),
            passages.passage_end_offset - passages.passage_start_offset
        ) as listing_end_offset,
        string_split_regex(passage_texts.span_text, '[,;。\n]') as clauses
    from passages
    inner join passage_texts
        on
            passages.report_id = passage_texts.report_id
            and passages.passage_start_offset = passage_texts.start_offset
            and passages.passage_end_offset = passage_texts.end_offset
),

clauses as (
    select
        report_id,
        passage_number,
        horizon,
        target_year,
        passage_start_offset,
        listing_end_offset,
        unnest(clauses) as clause,
        generate_subscripts(clauses, 1) as clause_number
    from passage_clauses
),

positioned as (
    select
        report_id,
        horizon,
        target_year,
        clause,
        listing_end_offset,
        -- the clauses before this one, each with its one-character separator
        passage_start_offset
        + coalesce(sum(length(clause) + 1) over (
            partition by passage_number
            order by clause_number
            rows between unbounded preceding and 1 preceding
        ), 0) as clause_start_offset,
        regexp_extract(clause, {{ goal_relation_pattern() }}) as tie,
        regexp_extract(clause, {{ goal_aim_pattern() }}) as aim
    from clauses
),

relations as (
    -- a tie anywhere in the passage; an aim only in the sentence that lists the targets
    select
        *,
        case
            when tie <> '' then tie
            when clause_start_offset < listing_end_offset then aim
            else ''
        end as relation
    from positioned
),

related as (
    select
        *,
        -- the indicator is what stands before the relation, without lead-in words and the
        -- change word (居民收入实际增长 is 居民收入; 经济增速 keeps its word, 经济 alone names
        -- nothing), or the object of "完成国家下达的降碳减排任务"
        coalesce(nullif(regexp_replace(
            regexp_replace(
                regexp_replace(
                    substr(clause, 1, strpos(clause, relation) - 1),
                    govreports_target_lead_in(), ''
                ),
                -- "城乡居民人均可支配收入:增长" of a list of targets: the colon goes too
                '(等指标|等)?[:\s]*$', ''
            ),
            '^(.{3,}?)[:\s]*' || govreports_target_change_word() || '?[:\s]*$', '\1'
        ), ''), regexp_extract(relation, '(下达|确定|定)的?([^,;。0-9]{1,8})(任务|目标|指标)$', 2))
            as indicator_list,
        regexp_matches(substr(clause, 1, strpos(clause, relation) - 1), '等(指标)?\s*$') as ends_with_list
    from relations
    -- a clause with a figure is a quantified target; a digit inside a name (PM2.5, 5G) is none
    where
        relation <> ''
        and not regexp_matches(regexp_replace(clause, '[A-Za-z]+[0-9.]*[0-9]|[0-9]+[A-Za-z]+', '', 'g'), '[0-9]')
),

listed as (
    select
        report_id,
        horizon,
        target_year,
        clause_start_offset,
        -- "A、B等指标" lists separate indicators; otherwise 、 joins parts of one
        trim(unnest(string_split_regex(indicator_list, case when ends_with_list then '[、和及与]' else '[和及与]' end)))
            as indicator,
        relation,
        trim(clause) as quote
    from related
    -- a five-year plan's headline targets are its figures; its qualitative aims are not kept
    where
        trim(indicator_list) <> ''
        and horizon = 'annual'
        -- an aim names its indicator ("经济增长" is no aim for 经济), not a task to do
        and (
            tie <> ''
            or (
                length(trim(indicator_list)) >= 3
                and not regexp_matches(trim(indicator_list), '^(要|将|着力|加快|推动|推进|坚持|确保|努力|促进|实现|保持|力争)')
            )
        )
),

named as (
    -- 城乡居民收入 names the urban and the rural series at once (govreports/figures/series.py)
    select
        report_id,
        horizon,
        target_year,
        clause_start_offset,
        unnest(govreports_series_named(indicator)) as indicator,
        relation,
        quote
    from listed
    where indicator <> ''
),

final as (
    -- a clause two passages hold (a heading's and the paragraph's under it) is one target
    select * from named
    qualify row_number() over (
        partition by report_id, clause_start_offset, indicator
        order by target_year, horizon
    ) = 1
)

select * from final
