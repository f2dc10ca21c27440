/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

/*
 * homa-rpc-client: a Linux Homa client for the interoperability test. It runs in the guest,
 * against HomaModule's user API (homa.h of the checkout the test is given), and sends RPCs to
 * a Homa server (the ns-3 node) in HomaModule's util/server convention: a request of 8 bytes
 * or more names the response length it wants in bytes 4-7 (little-endian) and the response
 * is the request's first that many bytes; shorter requests are echoed. Every response is
 * checked byte for byte.
 *
 *   homa-rpc-client SERVER PORT RPCS REQUEST_SIZES RESPONSE_SIZES [OUTSTANDING [TIMEOUT_S]]
 *
 * Sizes are comma-separated lists used in turn. Prints one line per failed RPC and a summary
 * "summary: N of M RPCs byte-exact, F failed, D differing"; exits 0 only if all are
 * byte-exact.
 */

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* After the C library's headers, so that the kernel's linux/in.h defers to them. */
#include "homa.h"

#define MAX_SIZES 64
#define MAX_OUTSTANDING 64
#define REGION_BPAGES 1000

struct pending
{
    uint64_t id;      /* Homa RPC id, 0 if the slot is free */
    uint8_t* request; /* the request's bytes */
    int length;       /* request length */
    int expect;       /* response length expected */
};

static int
parse_sizes(const char* text, int* sizes)
{
    int n = 0;
    char* copy = strdup(text);
    for (char* item = strtok(copy, ","); item && n < MAX_SIZES; item = strtok(NULL, ","))
    {
        sizes[n++] = atoi(item);
    }
    free(copy);
    return n;
}

/* The request of RPC number k: a byte pattern from k, the response length in bytes 4-7. */
static uint8_t*
make_request(int k, int length, int response)
{
    uint8_t* bytes = malloc(length);
    uint32_t x = 0x9e3779b9u * (uint32_t)(k + 1);
    for (int i = 0; i < length; i++)
    {
        x = x * 1103515245u + 12345u;
        bytes[i] = (uint8_t)(x >> 24);
    }
    if (length >= 8)
    {
        for (int i = 0; i < 4; i++)
        {
            bytes[4 + i] = (uint8_t)((uint32_t)response >> (8 * i));
        }
    }
    return bytes;
}

static double
now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int
main(int argc, char** argv)
{
    if (argc < 6)
    {
        fprintf(stderr,
                "usage: %s SERVER PORT RPCS REQUEST_SIZES RESPONSE_SIZES [OUTSTANDING "
                "[TIMEOUT_S]]\n",
                argv[0]);
        return 2;
    }
    int req_sizes[MAX_SIZES], resp_sizes[MAX_SIZES];
    int n_req = parse_sizes(argv[4], req_sizes);
    int n_resp = parse_sizes(argv[5], resp_sizes);
    int rpcs = atoi(argv[3]);
    int outstanding = argc > 6 ? atoi(argv[6]) : 1;
    double timeout = argc > 7 ? atof(argv[7]) : 120;
    if (n_req == 0 || n_resp == 0 || rpcs <= 0 || outstanding < 1 || outstanding > MAX_OUTSTANDING)
    {
        fprintf(stderr, "bad arguments\n");
        return 2;
    }

    struct sockaddr_in server;
    memset(&server, 0, sizeof(server));
    server.sin_family = AF_INET;
    server.sin_port = htons(atoi(argv[2]));
    if (inet_pton(AF_INET, argv[1], &server.sin_addr) != 1)
    {
        fprintf(stderr, "bad server address %s\n", argv[1]);
        return 2;
    }

    int fd = socket(AF_INET, SOCK_DGRAM, IPPROTO_HOMA);
    if (fd < 0)
    {
        perror("socket(IPPROTO_HOMA)");
        return 1;
    }
    size_t region_len = (size_t)REGION_BPAGES * HOMA_BPAGE_SIZE;
    char* region =
        mmap(NULL, region_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (region == MAP_FAILED)
    {
        perror("mmap");
        return 1;
    }
    struct homa_rcvbuf_args rcvbuf = {.start = (uintptr_t)region, .length = region_len};
    if (setsockopt(fd, IPPROTO_HOMA, SO_HOMA_RCVBUF, &rcvbuf, sizeof(rcvbuf)) != 0)
    {
        perror("setsockopt(SO_HOMA_RCVBUF)");
        return 1;
    }

    struct pending slots[MAX_OUTSTANDING];
    memset(slots, 0, sizeof(slots));
    struct homa_recvmsg_args recv_args;
    memset(&recv_args, 0, sizeof(recv_args));
    uint8_t* response = malloc(HOMA_MAX_MESSAGE_LENGTH);
    int sent = 0, ended = 0, exact = 0, failed = 0, differ = 0, in_flight = 0;
    double start = now_s();
    double last_progress = start;

    while (ended < rpcs)
    {
        while (sent < rpcs && in_flight < outstanding)
        {
            int length = req_sizes[sent % n_req];
            int want = resp_sizes[sent % n_resp];
            if (want > length)
            {
                want = length;
            }
            if (want < 1)
            {
                want = 1;
            }
            int expect = length >= 8 ? want : length;
            uint8_t* request = make_request(sent, length, want);
            struct homa_sendmsg_args send_args;
            memset(&send_args, 0, sizeof(send_args));
            struct iovec iov = {.iov_base = request, .iov_len = (size_t)length};
            struct msghdr msg;
            memset(&msg, 0, sizeof(msg));
            msg.msg_name = &server;
            msg.msg_namelen = sizeof(server);
            msg.msg_iov = &iov;
            msg.msg_iovlen = 1;
            msg.msg_control = &send_args;
            msg.msg_controllen = 0;
            if (sendmsg(fd, &msg, 0) < 0)
            {
                printf("rpc %d: sendmsg failed: %s\n", sent, strerror(errno));
                free(request);
                ++sent;
                ++ended;
                ++failed;
                continue;
            }
            int slot = 0;
            while (slots[slot].id != 0)
            {
                slot++;
            }
            slots[slot] = (struct pending){send_args.id, request, length, expect};
            ++sent;
            ++in_flight;
        }
        if (in_flight == 0)
        {
            continue;
        }

        struct sockaddr_in source;
        struct msghdr msg;
        memset(&msg, 0, sizeof(msg));
        msg.msg_name = &source;
        msg.msg_namelen = sizeof(source);
        msg.msg_control = &recv_args;
        msg.msg_controllen = sizeof(recv_args);
        recv_args.id = 0; /* any response; returns the previous call's buffers to Homa */
        struct pollfd pfd = {.fd = fd, .events = POLLIN};
        poll(&pfd, 1, 1000); /* wake up each second to check the clock */
        int length = recvmsg(fd, &msg, MSG_DONTWAIT);
        if (length < 0 && recv_args.id == 0)
        {
            if (errno == EAGAIN || errno == EINTR)
            {
                if (now_s() - last_progress > timeout)
                {
                    printf("no response for %.0f s: %d RPCs still in flight\n", timeout, in_flight);
                    break;
                }
                continue;
            }
            printf("recvmsg failed: %s\n", strerror(errno));
            break;
        }
        last_progress = now_s();
        int slot = -1;
        for (int i = 0; i < outstanding; i++)
        {
            if (slots[i].id != 0 && slots[i].id == recv_args.id)
            {
                slot = i;
            }
        }
        if (slot < 0)
        {
            printf("response for unknown id %llu\n", (unsigned long long)recv_args.id);
            continue;
        }
        struct pending* p = &slots[slot];
        if (length < 0)
        {
            printf("rpc id %llu (%d B): failed: %s\n",
                   (unsigned long long)p->id,
                   p->length,
                   strerror(errno));
            ++failed;
        }
        else
        {
            /* Gather the response from the buffer pages Homa put it in. */
            int copied = 0;
            for (uint32_t b = 0; b < recv_args.num_bpages && copied < length; b++)
            {
                int chunk = length - copied;
                if (chunk > HOMA_BPAGE_SIZE)
                {
                    chunk = HOMA_BPAGE_SIZE;
                }
                memcpy(response + copied, region + recv_args.bpage_offsets[b], chunk);
                copied += chunk;
            }
            if (length == p->expect && copied == length &&
                memcmp(response, p->request, length) == 0)
            {
                ++exact;
            }
            else
            {
                printf("rpc id %llu (%d B): response of %d B differs (expected %d B)\n",
                       (unsigned long long)p->id,
                       p->length,
                       length,
                       p->expect);
                ++differ;
            }
        }
        free(p->request);
        p->id = 0;
        --in_flight;
        ++ended;
    }
    printf("summary: %d of %d RPCs byte-exact, %d failed, %d differing, %.2f s\n",
           exact,
           rpcs,
           failed,
           differ,
           now_s() - start);
    return exact == rpcs ? 0 : 1;
}
