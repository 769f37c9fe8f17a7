-- Every character of a report's body belongs to exactly one top-level part: the first part
-- starts where the body starts, each part ends where the next begins, the last ends with the
-- body. Returns the reports where that does not hold.
with

reports as (
    select * from {{ ref('reports') }}
),

parts as (
    select
        report_id,
        start_offset,
        end_offset,
        lead(start_offset) over (partition by report_id order by start_offset) as next_start,
        row_number() over (partition by report_id order by start_offset) as position_first,
        row_number() over (partition by report_id order by start_offset desc) as position_last
    from {{ ref('sections') }}
    where depth = 1
),

breaks as (
    select
        reports.report_id,
        'first part does not start at the body start' as problem
    from reports
    inner join parts on reports.report_id = parts.report_id and parts.position_first = 1
    where parts.start_offset <> reports.body_start_offset
    union all
    select
        reports.report_id,
        'last part does not end at the body end' as problem
    from reports
    inner join parts on reports.report_id = parts.report_id and parts.position_last = 1
    where parts.end_offset <> reports.body_end_offset
    union all
    select
        report_id,
        'gap or overlap between parts' as problem
    from parts
    where next_start is not null and next_start <> end_offset
    union all
    select
        reports.report_id,
        'report has no parts' as problem
    from reports
    left join parts on reports.report_id = parts.report_id
    where parts.report_id is null
)

select * from breaks
