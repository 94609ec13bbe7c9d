/** Where the browser shell answers the renderer's shell calls: POST <base>/api/invoke/<method>. (No imports: the renderer's entry script uses it.) */
export const HTTP_INVOKE_PREFIX = '/api/invoke/';
