# A shared library for s390x (ELF64, big-endian), for elfscope's tests of DT_GNU_HASH on big-endian
# files: exported functions and data (hashed), and imports referenced by address, the
# canary's and a fortified function among them (GNU ld leaves them below symoffset).
	.text
	.globl	be_alpha
	.type	be_alpha, @function
be_alpha:
	br	%r14
	.size	be_alpha, .-be_alpha
	.globl	be_beta
	.type	be_beta, @function
be_beta:
	br	%r14
	.size	be_beta, .-be_beta
	.globl	be_gamma
	.type	be_gamma, @function
be_gamma:
	br	%r14
	.size	be_gamma, .-be_gamma
	.data
	.globl	be_table
	.type	be_table, @object
	.align	8
be_table:
	.quad	puts
	.quad	__stack_chk_fail
	.quad	__memcpy_chk
	.weak	__cxa_finalize
	.quad	__cxa_finalize
	.size	be_table, .-be_table
	.section	.note.GNU-stack,"",@progbits
