# An image that runs nothing while it builds (no RUN), so any computer can build it for any
# platform without emulation: docs/multi-platform.md builds it for the other processor.
FROM busybox:1.37
# Prints the processor the container runs on: x86_64 (amd64) or aarch64 (arm64).
CMD ["uname", "-m"]
