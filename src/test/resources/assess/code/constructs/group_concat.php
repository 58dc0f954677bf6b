<?php
// Stands for: PHP listings that join tag names with group_concat.
$tags = $pdo->query('SELECT post_id, group_concat(name) FROM tags GROUP BY post_id'); // expect: group-concat
$help = 'group_concat joins values';
