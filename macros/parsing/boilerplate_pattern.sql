{#- Words that mark web-site, forum and licence furniture around a scraped report. They never
    occur in a report's own closing sentences, which is where the body end is looked for. -#}
{% macro boilerplate_pattern() -%}
    '(版权所有|Copyright|©|ICP备|公网安备|网站标识码|免责声明|本站|本网|责任编辑|联系我们|网站地图|回帖|立即注册|扫一扫|分享到|打印本页|关闭窗口|相关报道|相关阅读|上一篇|下一篇|Public domain|Powered by|本作品|公有领域|维基)'
{%- endmacro %}
