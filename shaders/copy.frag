#version 330 core
// Texture only, drawn without blending: Mesa's llvmpipe recognises this as a plain blit and
// copies rows instead of running a full shader per pixel.
in vec2 vUV;
uniform sampler2D uTexture;
out vec4 fragColor;

void main()
{
    fragColor = texture(uTexture, vUV);
}
