with

source_report_files as (
    select * from {{ source('raw', 'report_files') }}
),

renamed as (
    select
        -- content-derived, so a report keeps its id across rebuilds and reloads
        left(sha256, 16) as report_id,
        sha256,
        file_name,
        file_path,
        encoding,
        content_type,
        script,
        loader_version,
        raw_text,
        normalized_text,
        line_repairs,
        byte_size,
        loaded_at
    from source_report_files
)

select * from renamed
