<?php
/**
 * Plugin Name: copydesk check
 * Description: Sends each saved post to a copydesk service, signed as Standard Webhooks 1.0 specifies, and lists the findings on the post's edit screen.
 * Version: 0.1.0
 * Requires PHP: 7.4
 * License: MIT
 *
 * Configure it in wp-config.php, with the same secret `copydesk serve` is given
 * (COPYDESK_WEBHOOK_SECRET_WORDPRESS or COPYDESK_WEBHOOK_SECRET in its environment):
 *
 *   define('COPYDESK_URL', 'http://127.0.0.1:8000/v1/webhooks/wordpress');
 *   define('COPYDESK_WEBHOOK_SECRET', 'whsec_...');
 */

if (!defined('ABSPATH')) {
    exit;
}

/** The `webhook-signature` value: v1 and the base64 HMAC-SHA256 of "{id}.{timestamp}.{body}". */
function copydesk_sign(string $secret, string $id, int $timestamp, string $body): string
{
    $key = strpos($secret, 'whsec_') === 0 ? base64_decode(substr($secret, 6), true) : $secret;
    return 'v1,' . base64_encode(hash_hmac('sha256', "{$id}.{$timestamp}.{$body}", $key, true));
}

/** The headers of one delivery; a fresh id each time, since each save is a new message. */
function copydesk_headers(string $secret, string $body, ?int $timestamp = null, ?string $id = null): array
{
    $id = $id ?? 'msg_' . bin2hex(random_bytes(12));
    $timestamp = $timestamp ?? time();
    return [
        'Content-Type' => 'application/json',
        'webhook-id' => $id,
        'webhook-timestamp' => (string) $timestamp,
        'webhook-signature' => copydesk_sign($secret, $id, $timestamp, $body),
    ];
}

/** The post as the WordPress REST API shapes it, with the writer's own text in content.raw. */
function copydesk_payload(WP_Post $post): string
{
    return wp_json_encode([
        'id' => $post->ID,
        'title' => ['rendered' => get_the_title($post)],
        'excerpt' => ['rendered' => has_excerpt($post) ? $post->post_excerpt : ''],
        'content' => ['raw' => $post->post_content],
    ]);
}

function copydesk_check_post(int $post_id, WP_Post $post): void
{
    if (wp_is_post_autosave($post_id) || wp_is_post_revision($post_id) || $post->post_type !== 'post'
        || !defined('COPYDESK_URL') || !defined('COPYDESK_WEBHOOK_SECRET')) {
        return;
    }
    $body = copydesk_payload($post);
    $response = wp_remote_post(COPYDESK_URL, [
        'headers' => copydesk_headers(COPYDESK_WEBHOOK_SECRET, $body),
        'body' => $body,
        'timeout' => 10,
        'data_format' => 'body',
    ]);
    if (is_wp_error($response)) {
        $result = ['error' => $response->get_error_message()];
    } else {
        $result = json_decode(wp_remote_retrieve_body($response), true);
        if (wp_remote_retrieve_response_code($response) !== 200) {
            $result = ['error' => $result['error']['message'] ?? 'copydesk did not answer'];
        }
    }
    update_post_meta($post_id, '_copydesk_result', $result);
}
add_action('save_post', 'copydesk_check_post', 20, 2);

/** The findings of the last save, on the classic editor's screen. */
function copydesk_notice(): void
{
    global $post;
    $screen = get_current_screen();
    if (!$screen || $screen->base !== 'post' || !$post) {
        return;
    }
    $result = get_post_meta($post->ID, '_copydesk_result', true);
    if (!is_array($result)) {
        return;
    }
    if (isset($result['error'])) {
        printf('<div class="notice notice-warning"><p>copydesk: %s</p></div>', esc_html($result['error']));
        return;
    }
    $findings = $result['findings'] ?? [];
    printf('<div class="notice notice-info"><p>%s</p><ul>',
        esc_html(sprintf('copydesk: %d finding(s)', count($findings))));
    foreach ($findings as $finding) {
        printf('<li><strong>%s</strong> %s (<a href="%s">%s</a>)</li>', esc_html($finding['severity']),
            esc_html($finding['message']), esc_url($finding['url']), esc_html($finding['rule']));
    }
    echo '</ul></div>';
}
add_action('admin_notices', 'copydesk_notice');
